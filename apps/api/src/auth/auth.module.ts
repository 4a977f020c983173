import { createSecretKey } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { DatabaseModule } from '../database/database.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';

@Module({})
export class AuthModule {
  static register(secret: string, expiresIn: string): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        DatabaseModule,
        JwtModule.register({
          // A key object made once: given a string, jsonwebtoken first tries it as a public or private key
          // (which throws) on every sign and verify — a tenth of the API's CPU under load.
          secret: createSecretKey(Buffer.from(secret, 'utf8')),
          signOptions: { expiresIn: expiresIn as never, algorithm: 'HS256' },
          // Only the algorithm tokens are signed with: never 'none', never one chosen by the token.
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [AuthController],
      providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
