// The environment that tells a meetings function its tenant's video provider: set by CDK from the tenant file, and
// by the local suite from its settings. Apart from video.ts so the local runtime and CDK need no video SDK.
export const VIDEO_ENV = {
  provider: 'VIDEO_PROVIDER',
  jitsiDomain: 'JITSI_DOMAIN',
  jitsiAppId: 'JITSI_APP_ID',
  /** In AWS: the Secrets Manager secret holding the app secret. */
  jitsiSecretArn: 'JITSI_SECRET_ARN',
  /** Locally: the app secret itself (the tenant's local settings). */
  jitsiSecret: 'JITSI_APP_SECRET',
} as const;
