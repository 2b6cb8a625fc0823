/** Runs the ledger store and report contracts against the in-memory store. */
import { MemoryLedgerStore } from '../../src/adapters/store-memory/memory-store.ts';
import { describeAuthorityStoreContract } from './authority-store.contract.ts';
import { describeChangeStoreContract } from './change-store.contract.ts';
import { describeLedgerStoreContract } from './ledger-store.contract.ts';
import { describePageStoreContract } from './page-store.contract.ts';
import { describeReportContract } from './reports.contract.ts';
import { describeReviewStoreContract } from './review-store.contract.ts';

const open = async () => new MemoryLedgerStore();
describeLedgerStoreContract('memory', open);
describeReportContract('memory', open);
describeAuthorityStoreContract('memory', open);
describeChangeStoreContract('memory', open);
describePageStoreContract('memory', open);
describeReviewStoreContract('memory', open);
