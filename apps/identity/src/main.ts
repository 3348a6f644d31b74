import 'reflect-metadata';
import { runMain } from '@faultline/platform';
import { startIdentityApp } from './identity.app';
import { loadIdentityConfig } from './identity.config';

runMain('identity', () => startIdentityApp(loadIdentityConfig(process.env)));
