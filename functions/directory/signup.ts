// Cognito PostConfirmation trigger: a citizen who signed up lands in the `citizen` group of their province, and
// the tenant attribute is set here, by us: whatever a client sent for it at sign-up is overwritten.
import { AdminAddUserToGroupCommand, AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { Logger } from '@aws-lambda-powertools/logger';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { tenantByUserPool } from '#shared/tenancy';
import { withConsumption } from '#shared/with-consumption';

const cognito = new CognitoIdentityProviderClient({});
const logger = new Logger({ serviceName: 'directory-signup' });

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  // A password reset confirms too; only a new sign-up makes a citizen.
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const tenant = tenantByUserPool(event.userPoolId);
  if (!tenant) throw new Error(`User pool ${event.userPoolId} serves no tenant of this deployment`);
  await cognito.send(new AdminUpdateUserAttributesCommand({
    UserPoolId: event.userPoolId,
    Username: event.userName,
    UserAttributes: [{ Name: 'custom:tenant', Value: tenant.id }, { Name: 'custom:unit', Value: '' }],
  }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: 'citizen' }));
  logger.info('citizen registered', { tenant: tenant.id });
  return event;
}
