import { outcomeInReference, SimulatorCarrier, simulatedOutcome } from './simulator-carrier';

describe('SimulatorCarrier', () => {
  const carrier = new SimulatorCarrier();
  const submit = (to: string) =>
    carrier.submit({ messageId: 'm-1', from: '+12025550100', to, text: 'Hi' });

  it('fails destinations ending in 0999 and delivers the rest', () => {
    expect(simulatedOutcome('+12025550999')).toBe('failed');
    expect(simulatedOutcome('+12025551999')).toBe('delivered');
    expect(simulatedOutcome('+12025550998')).toBe('delivered');
  });

  it('keeps its verdict in its reference, which says it back', async () => {
    const delivered = await submit('+12025550123');
    const failed = await submit('+12025550999');
    expect(delivered.carrierMessageId).toBe('sim-delivered-m-1');
    expect(failed.carrierMessageId).toBe('sim-failed-m-1');
    expect(outcomeInReference(delivered.carrierMessageId)).toBe('delivered');
    expect(outcomeInReference(failed.carrierMessageId)).toBe('failed');
  });

  it('has no verdict for a reference made before it kept one', () => {
    expect(outcomeInReference('sim-6f1c2a9e-5d7b-4c1e-9a51-0d2b8e7a1f3c')).toBeUndefined();
  });
});
