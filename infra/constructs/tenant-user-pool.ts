// A tenant's Cognito user pool, from the description in infra/identity.ts that the local runtime's cognito-local
// also follows: groups are roles, `custom:tenant` and `custom:unit` are set by us and never by a client.
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolGroup,
  type CfnUserPool,
  type StandardAttributesMask,
} from 'aws-cdk-lib/aws-cognito';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Tenant } from '#shared/tenant';
import { CLIENT_READ_ATTRIBUTES, CLIENT_WRITE_ATTRIBUTES, CUSTOM_ATTRIBUTES, PASSWORD_POLICY, USER_POOL_GROUPS } from '../identity';
import { acknowledge, NAG } from './nag';

/** Cognito attribute names → the CDK's names for them. */
const STANDARD_ATTRIBUTES: Record<string, keyof StandardAttributesMask> = {
  email: 'email',
  email_verified: 'emailVerified',
  name: 'fullname',
  phone_number: 'phoneNumber',
  phone_number_verified: 'phoneNumberVerified',
};

/** Attribute names as Cognito spells them (`email`, `custom:unit`) → the app client's read or write set. */
export function clientAttributes(names: readonly string[]): ClientAttributes {
  const standard: { -readonly [K in keyof StandardAttributesMask]: boolean } = {};
  const custom: string[] = [];
  for (const name of names) {
    if (name.startsWith('custom:')) {
      custom.push(name);
      continue;
    }
    const key = STANDARD_ATTRIBUTES[name];
    if (!key) throw new Error(`Unknown Cognito standard attribute "${name}": add it to STANDARD_ATTRIBUTES`);
    standard[key] = true;
  }
  return new ClientAttributes().withStandardAttributes(standard).withCustomAttributes(...custom);
}

export interface TenantUserPoolProps {
  tenant: Tenant;
}

export class TenantUserPool extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;
  readonly groups: UserPoolGroup[];

  constructor(scope: Construct, id: string, props: TenantUserPoolProps) {
    super(scope, id);
    const { tenant } = props;
    this.pool = new UserPool(this, 'Pool', {
      userPoolName: `tinhso-${tenant.id}`,
      // Citizens register themselves; officials are created by the directory service (AdminCreateUser).
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: Object.fromEntries(CUSTOM_ATTRIBUTES.map((name) => [name, new StringAttribute({ mutable: true })])),
      passwordPolicy: { ...PASSWORD_POLICY },
      // Anyone may turn on an authenticator app; nobody is forced to (see NAG.mfa).
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.pool, NAG.mfa, NAG.threatProtection);

    this.groups = Object.entries(USER_POOL_GROUPS).map(([name, description]) =>
      this.pool.addGroup(`Group-${name}`, { groupName: name, description }),
    );

    // The web app signs in with SRP (or a password over TLS) and sends the ID token, which carries custom:tenant.
    this.client = this.pool.addClient('AppClient', {
      userPoolClientName: `tinhso-${tenant.id}-web`,
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      readAttributes: clientAttributes(CLIENT_READ_ATTRIBUTES),
      // Never custom:tenant or custom:unit: users cannot move themselves to another province or agency.
      writeAttributes: clientAttributes(CLIENT_WRITE_ATTRIBUTES),
    });
  }

  /**
   * Makes `fn` the PostConfirmation trigger. The pool refers to the function by an ARN built from its fixed name,
   * not by a reference: the function's environment (TENANTS) and policy refer to the pool, so a reference back
   * would be a circular dependency. The pool may exist briefly before the function; Cognito only calls a trigger
   * when a user confirms, after the stack is deployed.
   */
  setPostConfirmationTrigger(fn: IFunction, functionName: string): void {
    const arn = Stack.of(this).formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: functionName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    (this.pool.node.defaultChild as CfnUserPool).addPropertyOverride('LambdaConfig.PostConfirmation', arn);
    fn.addPermission('InvokedByUserPool', {
      principal: new ServicePrincipal('cognito-idp.amazonaws.com'),
      sourceArn: this.pool.userPoolArn,
      sourceAccount: Stack.of(this).account,
    });
  }
}
