export * from './access-token';
export * from './access-tables.migration';
export * from './access.read-model';
export * from './access.service';
export * from './access-token.guard';
export * from './access.module';
export * from './identity-events.consumer';
export * from './not-known-yet';
