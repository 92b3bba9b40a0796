/** The command variables of the guide. Checked against VariableSchema when this module loads. */
import { z } from 'zod';
import { VariableSchema, type Variable } from './schema.ts';

const DEFINITIONS: z.input<typeof VariableSchema>[] = [
  {
    name: 'container_id',
    label: { zh: '容器 ID 或名称', en: 'Container ID or name' },
    help: { zh: '`docker ps -a` 第一列或最后一列。', en: 'First or last column of `docker ps -a`.' },
    kind: 'container-id',
    written: '<container_id>',
    example: 'arya-api-1',
  },
  {
    name: 'task_id',
    label: { zh: '任务 ID', en: 'Task ID' },
    help: { zh: '出错任务的 ID，见 API 响应或日志。', en: 'ID of the failing task, from the API response or the logs.' },
    kind: 'task-id',
    written: '{task_id}',
    example: '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  },
  {
    name: 'api_base',
    label: { zh: 'API 地址', en: 'API base URL' },
    help: { zh: '应用 API 的协议、主机和端口，不带结尾斜杠。', en: 'Scheme, host and port of the app API, without a trailing slash.' },
    kind: 'http-url',
    written: 'http://localhost:8000',
    example: 'http://10.0.0.12:8000',
  },
  {
    name: 'redis_url',
    label: { zh: 'Redis URL', en: 'Redis URL' },
    help: { zh: '与应用 `REDIS_URL` 相同。', en: 'The same as the app’s `REDIS_URL`.' },
    kind: 'redis-url',
    written: 'redis://localhost:6379',
    example: 'redis://redis:6379/0',
  },
  {
    name: 'db_host',
    label: { zh: '数据库主机', en: 'Database host' },
    help: { zh: 'PostgreSQL 的主机名或 IP。', en: 'Host name or IP of PostgreSQL.' },
    kind: 'host',
    written: 'localhost',
    after: '-h ',
    example: 'db.internal',
  },
  {
    name: 'db_port',
    label: { zh: '数据库端口', en: 'Database port' },
    help: { zh: 'PostgreSQL 端口，默认 5432。', en: 'PostgreSQL port, 5432 by default.' },
    kind: 'port',
    written: '5432',
    after: '-p ',
    example: '5432',
  },
  {
    name: 'db_user',
    label: { zh: '数据库用户', en: 'Database user' },
    help: { zh: '连接 PostgreSQL 的用户名。', en: 'User name to connect to PostgreSQL as.' },
    kind: 'identifier',
    written: 'postgres',
    after: '-U ',
    example: 'arya',
  },
  {
    name: 'db_name',
    label: { zh: '数据库名', en: 'Database name' },
    help: { zh: '应用使用的数据库。', en: 'The database the app uses.' },
    kind: 'identifier',
    written: 'arya_video_agent',
    example: 'arya_video_agent',
  },
  {
    name: 'user_id',
    label: { zh: '用户 ID', en: 'User ID' },
    help: { zh: '用于检查查询的用户 ID。', en: 'A user ID to test the query with.' },
    kind: 'user-id',
    written: 'user_123',
    example: 'user_42',
  },
];

export const VARIABLES: ReadonlyArray<Variable> = DEFINITIONS.map((d) => VariableSchema.parse(d));

export function variableNamed(name: string): Variable | undefined {
  return VARIABLES.find((v) => v.name === name);
}
