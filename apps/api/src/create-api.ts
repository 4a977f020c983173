import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ApiDependencies } from './api-dependencies.module';
import { AppModule } from './app.module';
import { apiLogger } from './common/request-logging';
import { createValidationPipe } from './common/validation';
import { serveWeb } from './web/serve-web';

/** Every API route is under /api; the web UI owns every other path. */
export const API_PREFIX = 'api';

// The largest JSON body the API reads: a household of thirty with its forms is a few KB. Uploads are
// multipart, read by their own interceptor with their own limit.
const JSON_BODY_LIMIT = '100kb';

/** The configured HTTP application (not yet listening): validation, errors, OpenAPI at /api/docs, the web UI at /. */
export async function createApi(deps: ApiDependencies): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(deps), { bufferLogs: true });
  app.useLogger(apiLogger(deps.logger));
  // Behind a reverse proxy the client's address (req.ip, which the sign-in limit counts) comes from the
  // X-Forwarded-For entries the trusted proxies added; with none trusted it is the socket's.
  app.set('trust proxy', deps.config.http.trustProxy);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useGlobalPipes(createValidationPipe());
  app.setGlobalPrefix(API_PREFIX);
  app.enableShutdownHooks();
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, openApiDocument(app));
  serveWeb(app, deps.config.http.webRoot, `/${API_PREFIX}`);
  return app;
}

/**
 * The OpenAPI document the web UI's client is generated from (committed as apps/web/src/api/openapi.json).
 * Paths are written without the /api prefix, which the document's one server carries.
 */
export function openApiDocument(app: NestExpressApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('解决相对贫困长效机制 平台 API')
      .setDescription('案件流程、待办任务、留痕审计。先 POST /auth/login 取得令牌，再点右上角 Authorize。')
      .setVersion('0.1.0')
      .addServer(`/${API_PREFIX}`)
      .addBearerAuth()
      .build(),
    { ignoreGlobalPrefix: true },
  );
}
