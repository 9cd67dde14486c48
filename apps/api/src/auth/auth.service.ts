import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hash, verify } from '@node-rs/argon2';
import { PrismaClient } from '@safe-checkout/db';
import { LoginAdmission, normaliseEmail } from '../admission/login-admission';
import { ProblemException } from '../problems/problem.exception';
import { toUserSummary, UserSummary } from '../users/user.representation';

export interface LoginResult {
  accessToken: string;
  user: UserSummary;
}

@Injectable()
export class AuthService {
  private readonly unknownUserHash = hash('no account has this password');

  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    private readonly jwt: JwtService,
    private readonly admission: LoginAdmission,
  ) {}

  /**
   * Checks a password and signs a token. Limited before anything else (docs/capacity.md): per
   * `clientAddress` and per account, whether the account exists or not, then the verification
   * waits for a hashing slot.
   */
  async login(email: string, password: string, clientAddress: string): Promise<LoginResult> {
    await this.admission.admit(email, clientAddress);
    const user = await this.prisma.user.findUnique({ where: { email: normaliseEmail(email) } });
    // An unknown email still costs one hash verification, so response time does not reveal
    // which emails have accounts.
    const passwordHash = user?.passwordHash ?? (await this.unknownUserHash);
    if (!(await this.admission.verifyInSlot(() => verify(passwordHash, password))) || !user) {
      throw new ProblemException('invalid-credentials', 'Wrong email or password.');
    }
    const accessToken = await this.jwt.signAsync({ sub: user.id, email: user.email });
    return { accessToken, user: toUserSummary(user) };
  }

  async me(userId: string): Promise<UserSummary> {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw new ProblemException('unauthorized', 'The account behind this token no longer exists.');
    return toUserSummary(user);
  }
}
