import type { AppConfig } from '@libs/config';
import { HttpSmsGateway, type NotificationChannel, SmsChannel, WebhookChannel } from './channels';

/** The outbound channels whose URLs are configured (none: notifications stay in the app). */
export function configuredChannels(config: AppConfig): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  if (config.notify.webhookUrl) channels.push(new WebhookChannel(config.notify.webhookUrl));
  if (config.notify.smsGatewayUrl)
    channels.push(new SmsChannel(new HttpSmsGateway(config.notify.smsGatewayUrl)));
  return channels;
}
