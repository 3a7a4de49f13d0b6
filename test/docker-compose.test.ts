// There is no Docker engine in CI, so this test is what keeps docker-compose.yml honest: it parses
// the file and checks every service's image, command, ports, health check and dependencies.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const ServiceSchema = z
  .object({
    image: z.string().optional(),
    build: z.unknown().optional(),
    command: z.union([z.string(), z.array(z.string())]).optional(),
    ports: z.array(z.string()).optional(),
    environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    volumes: z.array(z.string()).optional(),
    depends_on: z.union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string() }))]).optional(),
    healthcheck: z.object({ test: z.array(z.string()) }).passthrough().optional(),
  })
  .strict();
const ComposeSchema = z
  .object({ services: z.record(z.string(), ServiceSchema), volumes: z.record(z.string(), z.null()).optional() })
  .strict();

const composePath = fileURLToPath(new URL('../docker-compose.yml', import.meta.url));
const compose = ComposeSchema.parse(parse(readFileSync(composePath, 'utf8')));

describe('docker-compose.yml', () => {
  it('runs Redis 7 without eviction, published on loopback', () => {
    const redis = compose.services.redis!;
    expect(redis.image).toMatch(/^redis:7(\.|-|$)/);
    expect(redis.command).toEqual(expect.arrayContaining(['redis-server', '--maxmemory-policy', 'noeviction']));
    expect(redis.ports).toEqual(['127.0.0.1:6379:6379']);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('runs PostgreSQL 15 with the database the README names, published on loopback', () => {
    const postgres = compose.services.postgres!;
    expect(postgres.image).toMatch(/^postgres:15(\.|-|$)/);
    expect(postgres.environment).toMatchObject({ POSTGRES_USER: 'skolbrygga', POSTGRES_DB: 'skolbrygga' });
    expect(postgres.ports).toEqual(['127.0.0.1:5432:5432']);
    expect(postgres.healthcheck?.test.slice(0, 2)).toEqual(['CMD', 'pg_isready']);
  });

  it('gives every service an image or a build, and declares every named volume it mounts', () => {
    const declared = new Set(Object.keys(compose.volumes ?? {}));
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.image ?? service.build, `${name} has neither image nor build`).toBeDefined();
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (!source.startsWith('.') && !source.startsWith('/')) expect(declared, `${name} mounts ${source}`).toContain(source);
      }
    }
  });

  it('only depends on services that exist', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const needs = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const need of needs) expect(Object.keys(compose.services), `${name} depends on ${need}`).toContain(need);
    }
  });
});
