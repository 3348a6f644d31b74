import { DynamicModule, Module } from '@nestjs/common';
import { INTERNAL_API_KEY, InternalApiKeyGuard } from '@faultline/platform';
import { ApiTokens } from '@faultline/access';
import { DataSource } from 'typeorm';
import { PermissionsController } from './access/permissions.controller';
import { SignedInUserGuard } from './access/signed-in-user.guard';
import { AccountsController } from './accounts/accounts.controller';
import { DirectoryProjection } from './directory/directory.projection';
import { DirectoryQueries } from './directory/directory.queries';
import { IdentityCommands } from './identity.commands';
import { IDENTITY_CONFIG, IdentityConfig } from './identity.config';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInThrottle } from './sign-in/sign-in-throttle';
import { InvitationRequestsConsumer } from './users/invitation-requests.consumer';
import { InvitationsController } from './users/invitations.controller';
import { UsersController } from './users/users.controller';
import { ApiTokensController } from './api-tokens/api-tokens.controller';

@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [
        AccountsController,
        UsersController,
        ApiTokensController,
        InvitationsController,
        SignInController,
        PermissionsController,
        InvitationRequestsConsumer,
      ],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: INTERNAL_API_KEY, useValue: config.internalApiKey },
        IdentityCommands,
        SignInThrottle,
        DirectoryProjection,
        DirectoryQueries,
        SignedInUserGuard,
        // Identity keeps its tokens in its own directory, not in the access tables of the other services.
        { provide: ApiTokens, useFactory: (dataSource: DataSource) => new ApiTokens(dataSource, 'api_tokens'), inject: [DataSource] },
        InternalApiKeyGuard,
      ],
    };
  }
}
