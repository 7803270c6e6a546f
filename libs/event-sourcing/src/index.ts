export * from './event-store.port';
export * from './aggregates';
export * from './testing';
export * from './event-sourcing.module';
