export * from './errors-filter.sql';
