import { given } from '@blocx/event-sourcing';
import { PhoneNumber } from './phone-number.aggregate';
import { NumberNotFound } from './phone-number.errors';
import { NumberAssignedToProfile, NumberMoveFailed } from './phone-number.events';
import {
  at,
  later,
  phoneNumber,
  accountId,
  profileA,
  profileB,
  provisioned,
  requested,
  released,
  unassigned,
  inA,
} from './phone-number.fixture-spec';

describe('PhoneNumber: moves', () => {
  it('records a move to a profile for the saga, without changing the holder yet', () => {
    const number = given(PhoneNumber, [provisioned])
      .when((n) => n.requestMove(accountId, 'm1', profileA, at))
      .then([requested('m1', profileA)]);
    expect(number.profileId).toBeNull();
    expect(number.pendingMove('m1')).toEqual({
      moveId: 'm1',
      profileId: profileA,
      requestedAt: at.toISOString(),
    });
  });

  it('records nothing and waits for nothing when the number is there already', () => {
    const number = given(PhoneNumber, inA)
      .when((n) => expect(n.requestMove(accountId, 'm2', profileA, at)).toBeUndefined())
      .then([]);
    expect(number.profileId).toBe(profileA);
    given(PhoneNumber, [provisioned])
      .when((n) => expect(n.requestMove(accountId, 'm2', null, at)).toBeUndefined())
      .then([]);
  });

  it('answers the move already on its way to the same profile instead of a second one', () => {
    given(PhoneNumber, [provisioned, requested('m1', profileA)])
      .when((n) => expect(n.requestMove(accountId, 'm2', profileA, at)).toBe('m1'))
      .then([]);
  });

  it('queues a move behind a pending one', () => {
    const number = given(PhoneNumber, [provisioned, requested('m1', profileA)])
      .when((n) => n.requestMove(accountId, 'm2', profileB, later))
      .then([requested('m2', profileB, later)]);
    expect(number.pending.map((m) => m.moveId)).toEqual(['m1', 'm2']);
  });

  it('records an unassignment as a move to no profile', () => {
    given(PhoneNumber, inA)
      .when((n) => n.requestMove(accountId, 'm2', null, at))
      .then([requested('m2', null)]);
  });

  it('refuses another account, an unknown and a released number alike (404)', () => {
    given(PhoneNumber, [provisioned])
      .when((n) => n.requestMove('acc-2', 'm1', profileA, at))
      .thenThrows(NumberNotFound);
    given(PhoneNumber, [])
      .when((n) => n.requestMove(accountId, 'm1', profileA, at))
      .thenThrows((e) => e instanceof NumberNotFound && e.status === 404);
    given(PhoneNumber, [provisioned, released])
      .when((n) => n.requestMove(accountId, 'm1', profileA, at))
      .thenThrows(NumberNotFound);
  });

  it('completes a move with the previous profile, at the time it was asked for', () => {
    const history = [...inA, requested('m2', profileB, later)];
    const number = given(PhoneNumber, history)
      .when((n) => n.completeMove('m2'))
      .then([
        new NumberAssignedToProfile({
          phoneNumber,
          accountId,
          moveId: 'm2',
          profileId: profileB,
          previousProfileId: profileA,
          assignedAt: later.toISOString(),
        }),
      ]);
    expect(number.profileId).toBe(profileB);
    expect(number.pending).toEqual([]);
  });

  it('completes a move to no profile as an unassignment', () => {
    const number = given(PhoneNumber, [...inA, requested('m2', null)])
      .when((n) => n.completeMove('m2'))
      .then([unassigned('m2', profileA)]);
    expect(number.profileId).toBeNull();
  });

  it('settles a move once: completing or failing it again records nothing', () => {
    given(PhoneNumber, inA)
      .when((n) => n.completeMove('m1'))
      .then([]);
    given(PhoneNumber, inA)
      .when((n) => n.failMove('m1'))
      .then([]);
    given(PhoneNumber, [provisioned])
      .when((n) => n.completeMove('never-asked'))
      .then([]);
  });

  it('compensates a failed move: the number stays with the profile it had', () => {
    const history = [...inA, requested('m2', profileB, later)];
    const number = given(PhoneNumber, history)
      .when((n) => n.failMove('m2'))
      .then([
        new NumberMoveFailed({
          phoneNumber,
          accountId,
          moveId: 'm2',
          profileId: profileB,
          keptProfileId: profileA,
          reason: 'profile_not_available',
          failedAt: later.toISOString(),
        }),
      ]);
    expect(number.profileId).toBe(profileA);
    expect(number.pending).toEqual([]);
  });

  it('a failed first move leaves the number unassigned', () => {
    const number = given(PhoneNumber, [provisioned, requested('m1', profileA)])
      .when((n) => n.failMove('m1'))
      .then([
        new NumberMoveFailed({
          phoneNumber,
          accountId,
          moveId: 'm1',
          profileId: profileA,
          keptProfileId: null,
          reason: 'profile_not_available',
          failedAt: at.toISOString(),
        }),
      ]);
    expect(number.profileId).toBeNull();
  });

  it('settles the moves of a released number, so its profile lets it go', () => {
    const number = given(PhoneNumber, [...inA, requested('m2', null), released])
      .when((n) => n.completeMove('m2'))
      .then([unassigned('m2', profileA)]);
    expect([number.status, number.profileId]).toEqual(['released', null]);
  });
});
