import 'reflect-metadata';
import { loadServiceConfig, runMain } from '@faultline/platform';
import { startErrorsApp } from './errors.app';

runMain('errors', () => startErrorsApp(loadServiceConfig('errors', process.env)));
