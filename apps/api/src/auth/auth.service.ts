import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { compare } from 'bcryptjs';
import { DataSource } from 'typeorm';
import { AppException } from '../common/app.exception';
import type { AuthUser } from './auth-user';
import type { LoginDto, LoginResponseDto } from './dto/login.dto';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login({ username, password }: LoginDto): Promise<LoginResponseDto> {
    const [user] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.jurisdiction_id, u.department, j.path
       FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE u.username = $1`,
      [username],
    );
    if (!user || !(await compare(password, user.password_hash))) {
      throw new AppException('LOGIN_FAILED', 401, '用户名或密码错误');
    }
    const claims: AuthUser = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      jurisdictionId: user.jurisdiction_id,
      jurisdictionPath: user.path,
      department: user.department,
    };
    return {
      accessToken: await this.jwt.signAsync({ ...claims, sub: user.id }),
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        jurisdictionId: user.jurisdiction_id,
        department: user.department,
      },
    };
  }
}
