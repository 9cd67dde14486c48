import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma, PrismaClient, User } from '@safe-checkout/db';
import { requireOwnerId } from '../auth/owner-scope';
import { ProblemException } from '../problems/problem.exception';
import { PrismaTransactionHost } from '../database/transaction-host';
import { UpdateUserDto } from './dto/update-user.dto';
import { ifMatchAllows } from './if-match';
import { profileEtag, toUserProfile, UserProfile } from './user.representation';

export interface VersionedProfile {
  profile: UserProfile;
  etag: string;
}

@Injectable()
export class UsersService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(TransactionHost) private readonly txHost: PrismaTransactionHost,
  ) {}

  async get(callerId: string, userId: string): Promise<VersionedProfile> {
    const id = ownProfileId(callerId, userId);
    return versioned(await this.prisma.user.findUniqueOrThrow({ where: { id } }));
  }

  /**
   * Replaces the profile. Naturally idempotent: the same PUT twice leaves the same state, and a
   * PUT that changes nothing writes nothing (same `updatedAt`, same ETag).
   */
  replace(callerId: string, userId: string, body: UpdateUserDto, ifMatch: string | undefined): Promise<VersionedProfile> {
    const id = ownProfileId(callerId, userId);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      // Row lock: the If-Match comparison and the write must see the same version, or two
      // concurrent PUTs carrying the same ETag could both pass the check (lost update).
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${id}::uuid FOR UPDATE`;
      const current = versioned(await tx.user.findUniqueOrThrow({ where: { id } }));
      if (!ifMatchAllows(ifMatch, current.etag)) {
        throw new ProblemException('precondition-failed', 'The profile changed since the ETag in If-Match was issued.', {}, { ETag: current.etag });
      }
      const changes = toColumns(body);
      if (!differs(current.profile, changes)) return current;
      try {
        return versioned(await tx.user.update({ where: { id }, data: { ...changes, updatedAt: new Date() } }));
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw new ProblemException('email-taken', `The email ${changes.email} belongs to another account.`);
        }
        throw error;
      }
    });
  }
}

// The caller's id, checked fail-closed, and only when it is the profile asked for.
function ownProfileId(callerId: string, userId: string): string {
  const id = requireOwnerId(callerId);
  if (id !== userId) throw new ProblemException('forbidden', 'You can only read and change your own profile.');
  return id;
}

function versioned(user: User): VersionedProfile {
  const profile = toUserProfile(user);
  return { profile, etag: profileEtag(profile) };
}

function toColumns(body: UpdateUserDto) {
  return {
    name: body.name,
    // Emails are stored lower-cased: login matches them case-insensitively.
    email: body.email.toLowerCase(),
    addressLine1: body.shippingAddress.line1,
    addressLine2: body.shippingAddress.line2 ?? null,
    addressCity: body.shippingAddress.city,
    addressPostalCode: body.shippingAddress.postalCode,
    addressCountry: body.shippingAddress.country,
  };
}

function differs(profile: UserProfile, columns: ReturnType<typeof toColumns>): boolean {
  const a = profile.shippingAddress;
  return (
    profile.name !== columns.name ||
    profile.email !== columns.email ||
    a.line1 !== columns.addressLine1 ||
    (a.line2 ?? null) !== columns.addressLine2 ||
    a.city !== columns.addressCity ||
    a.postalCode !== columns.addressPostalCode ||
    a.country !== columns.addressCountry
  );
}
