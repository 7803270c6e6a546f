export * from './domain-event';
export * from './stream-name';
export * from './event-registry';
export * from './event-sourced-aggregate';
export * from './stream-folds';
export * from './aggregate-repository';
export * from './aggregate-repository.provider';
export * from './concurrent-modification.error';
