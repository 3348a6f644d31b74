import 'reflect-metadata';
import { runMain } from '@faultline/platform';
import { startErrorsApp } from './errors.app';
import { loadErrorsConfig } from './errors.config';

runMain('errors', () => startErrorsApp(loadErrorsConfig(process.env)));
