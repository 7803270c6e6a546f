import { Problem } from '@blocx/platform';
import { DEFAULT_SETTINGS, ProfileSettings } from './profile-settings';
import { InvalidProfileSettings, validSettings } from './profile-settings.rules';

const base: ProfileSettings = { ...DEFAULT_SETTINGS, name: 'Support' };

function problemsOf(settings: Partial<ProfileSettings>, touched?: string[]): Problem[] {
  try {
    validSettings({ ...base, ...settings }, touched && new Set(touched));
  } catch (error) {
    if (error instanceof InvalidProfileSettings) return error.problems;
    throw error;
  }
  return [];
}

function codeAt(settings: Partial<ProfileSettings>, touched?: string[]): string[] {
  return problemsOf(settings, touched).map(
    (p) => `${p.code} ${p.source && 'pointer' in p.source ? p.source.pointer : ''}`,
  );
}

describe('profile settings rules', () => {
  it('accepts the defaults, and their messages say what they should', () => {
    expect(problemsOf({})).toEqual([]);
    expect(DEFAULT_SETTINGS.optOut.message).toMatch(/no more messages/i);
    expect(DEFAULT_SETTINGS.optOut.message).toMatch(/START/);
    expect(DEFAULT_SETTINGS.help.message).toMatch(/help/i);
    expect(DEFAULT_SETTINGS.help.message).toMatch(/STOP/);
  });

  it('wants a name of 1 to 100 characters, not blank (an emoji counts once)', () => {
    expect(codeAt({ name: '' })).toEqual(['invalid_field /name']);
    expect(codeAt({ name: '   ' })).toEqual(['invalid_field /name']);
    expect(codeAt({ name: 'x'.repeat(101) })).toEqual(['invalid_field /name']);
    expect(codeAt({ name: '😀'.repeat(100) })).toEqual([]);
  });

  it('wants absolute http(s) URLs of at most 2,048 characters', () => {
    const long = `https://example.com/${'a'.repeat(2048 - 20)}`;
    expect(codeAt({ webhookUrl: long })).toEqual([]);
    expect(codeAt({ webhookUrl: `${long}a` })).toEqual(['invalid_url /webhook_url']);
    expect(codeAt({ webhookUrl: '/relative' })).toEqual(['invalid_url /webhook_url']);
    expect(codeAt({ webhookFailoverUrl: 'ftp://example.com' })).toEqual([
      'invalid_url /webhook_failover_url',
    ]);
    expect(codeAt({ webhookUrl: 'https://exa mple.com' })).toEqual(['invalid_url /webhook_url']);
    expect(codeAt({ webhookUrl: 'http://localhost:8080/hook?x=1' })).toEqual([]);
  });

  it('wants real ISO 3166-1 alpha-2 countries, at least one, no duplicates', () => {
    expect(codeAt({ allowedCountries: ['US', 'CA', 'DE'] })).toEqual([]);
    expect(codeAt({ allowedCountries: ['US', 'XX', 'USA'] })).toEqual([
      'invalid_country /allowed_countries/1',
      'invalid_country /allowed_countries/2',
    ]);
    expect(codeAt({ allowedCountries: ['US', 'us'] })).toEqual([
      'duplicate_value /allowed_countries/1',
    ]);
    expect(codeAt({ allowedCountries: [] })).toEqual(['invalid_field /allowed_countries']);
  });

  it('wants webhook events from the four, without duplicates (none at all is fine)', () => {
    expect(codeAt({ webhookEvents: [] })).toEqual([]);
    const bad = ['message.sent', 'message.sent', 'message.bounced'] as never;
    expect(codeAt({ webhookEvents: bad })).toEqual([
      'invalid_webhook_event /webhook_events/2',
      'duplicate_value /webhook_events/1',
    ]);
  });

  it('wants keywords of 1 to 30 characters, words separated by single spaces', () => {
    const optOut = (keywords: string[]) => ({ optOut: { ...base.optOut, keywords } });
    expect(codeAt(optOut(['STOP', 'OPT OUT', 'ARRÊT', 'x'.repeat(30)]))).toEqual([]);
    expect(codeAt(optOut([]))).toEqual(['invalid_field /opt_out/keywords']);
    expect(codeAt(optOut(['STOP', '']))).toEqual(['invalid_keyword /opt_out/keywords/1']);
    expect(codeAt(optOut(['OPT  OUT', ' STOP', 'END\n']))).toEqual([
      'invalid_keyword /opt_out/keywords/0',
      'invalid_keyword /opt_out/keywords/1',
      'invalid_keyword /opt_out/keywords/2',
    ]);
    expect(codeAt(optOut(['x'.repeat(31)]))).toEqual(['invalid_keyword /opt_out/keywords/0']);
    expect(codeAt(optOut(['Stop', 'STOP']))).toEqual(['duplicate_value /opt_out/keywords/1']);
  });

  it('wants messages of 1 to 480 characters, not blank', () => {
    expect(codeAt({ help: { ...base.help, message: 'm'.repeat(480) } })).toEqual([]);
    expect(codeAt({ help: { ...base.help, message: 'm'.repeat(481) } })).toEqual([
      'invalid_field /help/message',
    ]);
    expect(codeAt({ optIn: { ...base.optIn, message: ' ' } })).toEqual([
      'invalid_field /opt_in/message',
    ]);
  });

  it('refuses a keyword in two lists, pointing into the list the change touched', () => {
    const clash = { help: { ...base.help, keywords: ['HELP', 'stop'] } };
    expect(codeAt(clash)).toEqual(['keyword_conflict /help/keywords/1']);
    const optOut = { optOut: { ...base.optOut, keywords: ['STOP', 'HELP'] } };
    expect(codeAt(optOut, ['optOut'])).toEqual(['keyword_conflict /opt_out/keywords/1']);
  });

  it('stores keywords and countries upper-case', () => {
    const settings = validSettings({
      ...base,
      allowedCountries: ['gb'],
      optIn: { ...base.optIn, keywords: ['unstop', 'start'] },
    });
    expect(settings.allowedCountries).toEqual(['GB']);
    expect(settings.optIn.keywords).toEqual(['UNSTOP', 'START']);
  });
});
