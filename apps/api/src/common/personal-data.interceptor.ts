// Every JSON response leaves the API with its personal data masked (libs/domain personal-data.ts): ID
// numbers, phones, exact incomes and health details. Only a route marked @RevealsPersonalData() answers in
// full; such a route checks the viewer's need to know and audits what it shows. Files (StreamableFile) are
// masked where they are built.

import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  StreamableFile,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { maskPersonalData } from '@libs/domain';

const REVEALS_PERSONAL_DATA = 'revealsPersonalData';

/** The route shows personal data in full: it decides who may see it and audits each reveal itself. */
export const RevealsPersonalData = () => SetMetadata(REVEALS_PERSONAL_DATA, true);

@Injectable()
export class PersonalDataInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reveals = this.reflector.getAllAndOverride<boolean>(REVEALS_PERSONAL_DATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (reveals) return next.handle();
    return next
      .handle()
      .pipe(map((body: unknown) => (body instanceof StreamableFile ? body : maskPersonalData(body))));
  }
}
