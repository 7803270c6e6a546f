import { applyDecorators } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiQuery, ApiResponse } from '@nestjs/swagger';
import { uuidParameter } from '@blocx/platform';
import { MessagingProfileNotFound } from '../domain/messaging-profile.errors';
import { GetMessagingProfile } from '../queries/get-messaging-profile/get-messaging-profile.query';

const PARAMETER = 'messaging_profile_id';

/**
 * The `messaging_profile_id` filter of a list, for every context's list endpoints: undefined when
 * absent, 400 `invalid_parameter` when not a uuid, and 404 `messaging_profile_not_found` naming
 * the parameter when the account has no such profile (another account's, unknown or deleted), as
 * `GET /messaging-profiles/{id}` answers, instead of an empty list.
 */
export async function messagingProfileParameter(
  queries: QueryBus,
  accountId: string,
  raw: unknown,
): Promise<string | undefined> {
  const profileId = uuidParameter(raw, PARAMETER);
  if (profileId === undefined) return undefined;
  try {
    return (await queries.execute(new GetMessagingProfile({ accountId, profileId }))).id;
  } catch (error) {
    if (!(error instanceof MessagingProfileNotFound)) throw error;
    throw new MessagingProfileNotFound(profileId, { parameter: PARAMETER });
  }
}

/** The OpenAPI side of `messagingProfileParameter`. */
export const ApiMessagingProfileFilter = () =>
  applyDecorators(
    ApiQuery({ name: PARAMETER, required: false, description: 'Only this profile’s' }),
    ApiResponse({
      status: 404,
      description: `messaging_profile_not_found: ${PARAMETER} is no profile of the account`,
    }),
  );
