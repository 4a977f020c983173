import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type ApiDependencies, AppModule } from './app.module';
import { createValidationPipe } from './common/validation';

/** The configured HTTP application (not yet listening): validation, errors, OpenAPI at /api/docs. */
export async function createApi(deps: ApiDependencies, logger = true): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(deps), {
    logger: logger ? ['error', 'warn'] : ['error'],
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('解决相对贫困长效机制 平台 API')
      .setDescription('案件流程、待办任务、留痕审计。先 POST /auth/login 取得令牌，再点右上角 Authorize。')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
