/** Runs the ledger store and report contracts against the in-memory store. */
import { MemoryLedgerStore } from '../../src/adapters/store-memory/memory-store.ts';
import { describeAuthorityStoreContract } from './authority-store.contract.ts';
import { describeLedgerStoreContract } from './ledger-store.contract.ts';
import { describeReportContract } from './reports.contract.ts';

const open = async () => new MemoryLedgerStore();
describeLedgerStoreContract('memory', open);
describeReportContract('memory', open);
describeAuthorityStoreContract('memory', open);
