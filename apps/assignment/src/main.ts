import 'reflect-metadata';
import { loadServiceConfig, runMain, startService } from '@faultline/platform';
import { AssignmentAppModule } from './app.module';

runMain('assignment', () => {
  const config = loadServiceConfig('assignment', process.env);
  return startService(AssignmentAppModule.forRoot(config), { title: 'Faultline assignment', config });
});
