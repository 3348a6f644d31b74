import { AccessPermissions, AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { MonitorQuery, MonitorView } from '@faultline/contracts';
import { ApiOkFrom, ApiQueryFrom, SchemaPipe } from '@faultline/platform';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { scopeOf } from '../errors-list/errors-list.controller';
import { errorsFilterConditions } from '@faultline/errors-filter';
import { DataSource } from 'typeorm';

const COUNTS = `count(*)::int AS open, count(assignee_id)::int AS assigned, (count(*) - count(assignee_id))::int AS unassigned`;

/** The dashboard: open errors per integration, flow and step, assigned or not, and per tag. */
@ApiTags('errors')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('monitor')
export class MonitorController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly permissions: AccessPermissions,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Counts of open errors for the dashboard' })
  @ApiQueryFrom(MonitorQuery)
  @ApiOkFrom(MonitorView)
  async monitor(@AuthenticatedUser() user: AccessUser, @Query(new SchemaPipe(MonitorQuery, 'query')) query: Static<typeof MonitorQuery>): Promise<MonitorView> {
    if (query.integrationId) await this.permissions.require(user.userId, query.integrationId, 'viewErrors');
    const sql = errorsFilterConditions(scopeOf(user), { ...query, status: 'open' });
    const run = (text: string) => this.dataSource.query(text, sql.params);
    const [totals] = await run(`SELECT ${COUNTS} FROM errors_list WHERE ${sql.where}`);
    const integrations = await run(
      `SELECT integration_id AS "integrationId", ${COUNTS} FROM errors_list WHERE ${sql.where} GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    const flows = await run(
      `SELECT l.integration_id AS "integrationId", l.flow_id AS "flowId", coalesce(bool_or(f.disabled), false) AS disabled,
              count(*)::int AS open, count(l.assignee_id)::int AS assigned, (count(*) - count(l.assignee_id))::int AS unassigned
         FROM (SELECT * FROM errors_list WHERE ${sql.where}) l
         LEFT JOIN flows f ON f.account_id = l.account_id AND f.flow_id = l.flow_id
        GROUP BY 1, 2 ORDER BY open DESC, 1, 2`,
    );
    const steps = await run(
      `SELECT integration_id AS "integrationId", flow_id AS "flowId", flow_step_id AS "flowStepId", ${COUNTS}
         FROM errors_list WHERE ${sql.where} GROUP BY 1, 2, 3 ORDER BY open DESC, 1, 2, 3`,
    );
    const tags = await run(
      `SELECT t.tag_id AS "tagId", t.name, count(*)::int AS open
         FROM (SELECT unnest(tag_ids) AS tag_id FROM errors_list WHERE ${sql.where}) e
         JOIN tags t ON t.tag_id = e.tag_id
        GROUP BY 1, 2 ORDER BY open DESC, 2`,
    );
    return { totals, integrations, flows, steps, tags };
  }
}
