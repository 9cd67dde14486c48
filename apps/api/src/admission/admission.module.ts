import { Global, Module } from '@nestjs/common';
import { AdmissionCounters } from './admission-counters';
import { AdmissionCountersPurgeJob } from './admission-counters-purge.job';
import { ClientAddresses } from './client-addresses';
import { LoginAdmission } from './login-admission';
import { NewWriteAdmissionGuard } from './new-write-admission.guard';
import { WriteAdmission } from './write-admission';

/** Admission control (docs/capacity.md): login and per-user write limits shared through PostgreSQL. */
@Global()
@Module({
  providers: [AdmissionCounters, AdmissionCountersPurgeJob, ClientAddresses, LoginAdmission, WriteAdmission, NewWriteAdmissionGuard],
  exports: [AdmissionCounters, ClientAddresses, LoginAdmission, WriteAdmission, NewWriteAdmissionGuard],
})
export class AdmissionModule {}
