// The video provider adapters: Jitsi (the tenant's own Jitsi Meet domain; a signed JWT link per connection point)
// and Amazon Chime SDK (a meeting and one attendee per point, created in AWS). The tenant's configuration picks one.
import { ChimeSDKMeetingsClient, CreateAttendeeCommand, CreateMeetingCommand } from '@aws-sdk/client-chime-sdk-meetings';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createHash } from 'node:crypto';
import { requireEnv } from '#shared/config';
import type { JoinInfo, VideoProvider } from './deps';
import { jitsiJoinLink } from './jitsi';
import { VIDEO_ENV } from './video-config';

export { VIDEO_ENV };


export function jitsiProvider(config: { domain: string; appId: string; secret: () => Promise<string> }): VideoProvider {
  return {
    name: 'jitsi',
    async join({ room, point, moderator, start, end }): Promise<JoinInfo> {
      const url = jitsiJoinLink({
        domain: config.domain, appId: config.appId, appSecret: await config.secret(), room,
        displayName: point.name, moderator, notBefore: start, expiresAt: end,
      });
      return { url, expiresAt: end };
    },
  };
}

/**
 * Chime SDK: the meeting is created at the first join (idempotently, by a client token derived from the room), and
 * each point is an attendee; the web client joins with the returned ids and token.
 */
export function chimeProvider(client = new ChimeSDKMeetingsClient({}), region = process.env.AWS_REGION ?? 'ap-southeast-1'): VideoProvider {
  const token = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 64);
  return {
    name: 'chime',
    async join({ room, point }): Promise<JoinInfo> {
      const meeting = await client.send(new CreateMeetingCommand({ ClientRequestToken: token(room), ExternalMeetingId: room.slice(0, 64), MediaRegion: region }));
      const meetingId = meeting.Meeting!.MeetingId!;
      const attendee = await client.send(new CreateAttendeeCommand({ MeetingId: meetingId, ExternalUserId: `${point.id}`.slice(0, 64).padEnd(2, '-') }));
      return {
        url: `chime-sdk://${meetingId}`,
        attendee: { meetingId, attendeeId: attendee.Attendee!.AttendeeId!, joinToken: attendee.Attendee!.JoinToken! },
      };
    },
  };
}

/** The provider from the function's environment (CDK sets it from the tenant file; the local suite from its settings). */
export function videoFromEnv(): VideoProvider {
  if (process.env[VIDEO_ENV.provider] === 'chime') return chimeProvider();
  const arn = process.env[VIDEO_ENV.jitsiSecretArn];
  let secret: Promise<string> | undefined;
  const read = () => {
    secret ??= arn
      ? new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn })).then((out) => out.SecretString!)
      : Promise.resolve(requireEnv(VIDEO_ENV.jitsiSecret));
    secret.catch(() => { secret = undefined; });
    return secret;
  };
  return jitsiProvider({ domain: requireEnv(VIDEO_ENV.jitsiDomain), appId: requireEnv(VIDEO_ENV.jitsiAppId), secret: read });
}
