// The directory's Cognito adapter: officials' sign-ins, with tenant, unit and roles that only this service writes.
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserCommand, AdminDisableUserCommand, AdminEnableUserCommand,
  AdminGetUserCommand, AdminRemoveUserFromGroupCommand, AdminUpdateUserAttributesCommand, type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { conflict } from '#shared/errors';
import type { UserPool } from './service';
import { DIRECTORY_TEXT } from './text';

const attribute = (user: { UserAttributes?: { Name?: string; Value?: string }[] }, name: string) =>
  user.UserAttributes?.find((a) => a.Name === name)?.Value;

export function cognitoUserPool(cognito: CognitoIdentityProviderClient, userPoolId: string): UserPool {
  return {
    async ensureUser(spec) {
      try {
        const out = await cognito.send(new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: spec.email,
          TemporaryPassword: spec.temporaryPassword,
          // The invitation goes out through the suite's own mail (thư công vụ), not Cognito's.
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: spec.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: spec.name },
            { Name: 'custom:tenant', Value: spec.tenant },
            { Name: 'custom:unit', Value: spec.unit },
          ],
        }));
        const id = attribute({ UserAttributes: out.User?.Attributes }, 'sub') ?? out.User?.Username ?? '';
        for (const role of spec.roles) {
          await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: id, GroupName: role }));
        }
        return { id, created: true };
      } catch (err) {
        if (!(err instanceof Error) || err.name !== 'UsernameExistsException') throw err;
        // A retry after a failure between the sign-in and the profile: adopt the sign-in if it is this tenant's.
        const existing = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: spec.email }));
        if (attribute(existing, 'custom:tenant') !== spec.tenant) {
          throw conflict('USER_EXISTS', DIRECTORY_TEXT.userExists.vi, DIRECTORY_TEXT.userExists.en, { email: spec.email });
        }
        const id = attribute(existing, 'sub') ?? existing.Username ?? '';
        for (const role of spec.roles) {
          await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: id, GroupName: role }));
        }
        return { id, created: false };
      }
    },
    async deleteUser(id) {
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: id }));
    },
    async updateUser(id, change) {
      const attributes = [
        ...(change.name === undefined ? [] : [{ Name: 'name', Value: change.name }]),
        ...(change.unit === undefined ? [] : [{ Name: 'custom:unit', Value: change.unit }]),
      ];
      if (attributes.length) {
        await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: id, UserAttributes: attributes }));
      }
      for (const role of change.addRoles) {
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: id, GroupName: role }));
      }
      for (const role of change.removeRoles) {
        await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: id, GroupName: role }));
      }
      if (change.enabled === true) await cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: id }));
      if (change.enabled === false) await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: id }));
    },
  };
}
