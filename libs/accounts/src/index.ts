import { CreateAccounts1733300000000 } from './migrations/1733300000000-create-accounts';

export { AccountsModule } from './accounts.module';
export const accountsMigrations = [CreateAccounts1733300000000];
