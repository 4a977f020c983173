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
          secret,
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
