import { given } from '@blocx/event-sourcing';
import { DomainError, StateConflict } from '@blocx/platform';
import { Campaign } from './campaign.aggregate';
import { CampaignRegistered } from './campaign.events';

const at = new Date('2025-03-01T10:00:00.000Z');
const registration = { brandName: 'Acme', useCase: '2FA', description: 'Login codes' };
const registered = new CampaignRegistered({
  campaignId: 'c-1',
  accountId: 'acc-1',
  brandName: 'Acme',
  useCase: '2FA',
  description: 'Login codes',
  status: 'active',
  registeredAt: at.toISOString(),
});

function refusedAt(pointer: string) {
  return (error: unknown) =>
    error instanceof DomainError &&
    error.status === 422 &&
    JSON.stringify(error.source) === JSON.stringify({ pointer });
}

describe('Campaign', () => {
  it('registers an active campaign', () => {
    const campaign = given(Campaign, [])
      .when((c) => c.register('c-1', 'acc-1', registration, at))
      .then([registered]);
    expect(campaign.standing()).toEqual({ id: 'c-1', accountId: 'acc-1', status: 'active' });
  });

  it('an unregistered campaign has no standing', () => {
    expect(new Campaign('campaign-x').standing()).toBeUndefined();
  });

  it('takes brand names of 1 to 100 characters', () => {
    given(Campaign, [])
      .when((c) => c.register('c-1', 'acc-1', { ...registration, brandName: 'B'.repeat(100) }, at))
      .then([new CampaignRegistered({ ...registered.data, brandName: 'B'.repeat(100) })]);
    given(Campaign, [])
      .when((c) => c.register('c-1', 'acc-1', { ...registration, brandName: 'B'.repeat(101) }, at))
      .thenThrows(refusedAt('/brand_name'));
    given(Campaign, [])
      .when((c) => c.register('c-1', 'acc-1', { ...registration, brandName: '  ' }, at))
      .thenThrows(refusedAt('/brand_name'));
  });

  it('takes descriptions of 1 to 1,000 characters', () => {
    given(Campaign, [])
      .when((c) =>
        c.register('c-1', 'acc-1', { ...registration, description: 'd'.repeat(1001) }, at),
      )
      .thenThrows(refusedAt('/description'));
    given(Campaign, [])
      .when((c) => c.register('c-1', 'acc-1', { ...registration, description: '' }, at))
      .thenThrows(refusedAt('/description'));
  });

  it('takes only the listed use cases', () => {
    given(Campaign, [])
      .when((c) => c.register('c-1', 'acc-1', { ...registration, useCase: 'SPAM' }, at))
      .thenThrows(refusedAt('/use_case'));
    given(Campaign, [])
      .when((c) => c.register('c-1', 'acc-1', { ...registration, useCase: 'POLLING_VOTING' }, at))
      .then([new CampaignRegistered({ ...registered.data, useCase: 'POLLING_VOTING' })]);
  });

  it('registers once', () => {
    given(Campaign, [registered])
      .when((c) => c.register('c-1', 'acc-1', registration, at))
      .thenThrows(StateConflict);
  });
});
