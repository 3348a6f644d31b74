import 'reflect-metadata';
import { loadServiceConfig, runMain } from '@faultline/platform';
import { startAssignmentApp } from './assignment.app';

runMain('assignment', () => startAssignmentApp(loadServiceConfig('assignment', process.env)));
