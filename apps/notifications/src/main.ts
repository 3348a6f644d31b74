import 'reflect-metadata';
import { runMain } from '@faultline/platform';
import { startNotificationsApp } from './notifications.app';
import { loadNotificationsConfig } from './notifications.config';

runMain('notifications', () => startNotificationsApp(loadNotificationsConfig(process.env)));
