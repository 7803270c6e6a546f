import { causedBy, deterministicId, uuidV5 } from './processor';

describe('ids derived from events', () => {
  it('uuidV5 matches the RFC 4122 reference value', () => {
    const dns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(uuidV5('www.example.com', dns)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('deterministicId is stable per event and purpose, and differs across either', () => {
    const cause = { id: '0f7c3d5e-1b2a-4c3d-8e9f-a0b1c2d3e4f5' };
    const id = deterministicId(cause, 'send-message');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicId(cause.id, 'send-message')).toBe(id);
    expect(deterministicId(cause, 'notify')).not.toBe(id);
    expect(deterministicId({ id: 'another' }, 'send-message')).not.toBe(id);
  });

  it('causedBy carries the correlation and account and names the cause', () => {
    const cause = { id: 'e1', metadata: { correlation_id: 'c1', account_id: 'a1' } };
    expect(causedBy(cause)).toEqual({ correlation_id: 'c1', causation_id: 'e1', account_id: 'a1' });
    expect(causedBy({ id: 'e2', metadata: {} })).toEqual({
      correlation_id: 'e2',
      causation_id: 'e2',
    });
  });
});
