import 'reflect-metadata';
import { loadServiceConfig, runMain, startService } from '@faultline/platform';
import { IdentityAppModule } from './app.module';

runMain('identity', () => {
  const config = loadServiceConfig('identity', process.env);
  return startService(IdentityAppModule.forRoot(config), { title: 'Faultline identity', config });
});
