import 'reflect-metadata';
import { loadServiceConfig, runMain, startService } from '@faultline/platform';
import { NotificationsAppModule } from './app.module';

runMain('notifications', () => {
  const config = loadServiceConfig('notifications', process.env);
  return startService(NotificationsAppModule.forRoot(config), { title: 'Faultline notifications', config });
});
