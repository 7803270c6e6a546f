import { Inject, Injectable } from '@nestjs/common';
import {
  InvalidFields,
  isPublicAddress,
  literalAddress,
  Problem,
  SETTINGS,
  Settings,
} from '@blocx/platform';

type WebhookUrls = { webhook_url?: string | null; webhook_failover_url?: string | null };

/**
 * Where private networks are not allowed (production by default), a webhook URL whose host is a
 * literal loopback/private/link-local address is refused when saved; names are checked at delivery.
 */
@Injectable()
export class WebhookUrlPolicy {
  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  check(body: WebhookUrls): void {
    if (this.settings.webhookAllowPrivateNetworks) return;
    const problems = (['webhook_url', 'webhook_failover_url'] as const).flatMap((field) =>
      this.problemFor(field, body[field]),
    );
    if (problems.length > 0) throw new InvalidFields(problems);
  }

  private problemFor(field: string, url: string | null | undefined): Problem[] {
    if (typeof url !== 'string' || !URL.canParse(url)) return [];
    const address = literalAddress(url);
    if (address === undefined || isPublicAddress(address)) return [];
    return [
      {
        code: 'webhook_url_not_allowed',
        title: 'Invalid field',
        detail: `${address} is a loopback, private or otherwise non-public address`,
        source: { pointer: `/${field}` },
      },
    ];
  }
}
