export * from './projection';
export * from './read-model-writes';
export * from './projection-batch-handler';
export * from './processor';
export * from './processor-batch-handler';
export * from './read-model-waiter';
export * from './projection-rebuilder';
export * from './projection-statuses';
