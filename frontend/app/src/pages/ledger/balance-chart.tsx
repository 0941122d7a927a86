import type { TrialBalanceRow } from "@sent/sdk";
import { useId, type ReactNode } from "react";

import { formatCents } from "@/lib/money";
import { cn } from "@/lib/utils";

import { chartData, isDebitNormal, KIND_LABELS, ratio, type CurrencyChart } from "./chart-data";

const WIDTH = 560;
const LABEL = 170;
const VALUE = 86;
const ROW = 30;
const BAR = 18;

/**
 * Balances at a glance: one horizontal bar per account with activity, on
 * its normal side. The trial balance table beside it has the same figures
 * for reading; the chart is described as an image for screen readers.
 */
export function BalanceChart({ rows }: { rows: readonly TrialBalanceRow[] }): ReactNode {
  const charts = chartData(rows);
  return (
    <div className="grid gap-6">
      {charts.map((chart) => (
        <CurrencyBars key={chart.currency} chart={chart} showCurrency={charts.length > 1} />
      ))}
      <Legend />
    </div>
  );
}

function CurrencyBars({ chart, showCurrency }: { chart: CurrencyChart; showCurrency: boolean }): ReactNode {
  const titleId = useId();
  const descId = useId();
  const plot = WIDTH - LABEL - VALUE;
  // Room left of the axis only when some balance is on its unusual side.
  const axis = LABEL + (chart.hasNegative ? plot / 2 : 0);
  const half = chart.hasNegative ? plot / 2 : plot;
  const height = Math.max(chart.bars.length, 1) * ROW + 8;
  const summary = chart.bars.map((bar) => `${bar.label}: ${formatCents(bar.natural)}`).join("; ");
  return (
    <figure className="grid gap-2" data-testid={`balance-chart-${chart.currency}`}>
      {showCurrency ? <figcaption className="text-sm font-medium">{chart.currency}</figcaption> : null}
      {chart.bars.length === 0 ? (
        <p className="text-sm text-muted-foreground">No {chart.currency} account has any activity yet.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full" role="img" aria-labelledby={`${titleId} ${descId}`}>
          <title id={titleId}>{`Balances in ${chart.currency}, on each account's normal side`}</title>
          <desc id={descId}>{summary}</desc>
          <line x1={axis} x2={axis} y1={0} y2={height} className="stroke-border" strokeWidth={1} />
          {chart.bars.map((bar, index) => {
            const y = index * ROW + 4;
            const length = Math.abs(ratio(bar.natural, chart.scale)) * half;
            const negative = bar.natural < 0n;
            const x = negative ? axis - length : axis;
            return (
              <g key={bar.accountId}>
                <title>{`${bar.label} (${KIND_LABELS[bar.kind]}): ${formatCents(bar.natural)} ${chart.currency}`}</title>
                <text x={LABEL - 10} y={y + BAR / 2} dominantBaseline="middle" textAnchor="end" className="fill-foreground text-[13px]">
                  {truncate(bar.label, 24)}
                </text>
                <rect
                  x={x}
                  y={y}
                  width={Math.max(length, 1.5)}
                  height={BAR}
                  rx={3}
                  className={cn(negative ? "fill-destructive" : isDebitNormal(bar.kind) ? "fill-chart-debit" : "fill-chart-credit")}
                />
                <text x={WIDTH - 4} y={y + BAR / 2} dominantBaseline="middle" textAnchor="end" className="fill-muted-foreground text-[13px] tabular-nums">
                  {formatCents(bar.natural)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      {chart.idle > 0 ? (
        <p className="text-xs text-muted-foreground">
          {chart.idle} {chart.idle === 1 ? "account has" : "accounts have"} no activity and {chart.idle === 1 ? "is" : "are"} not drawn.
        </p>
      ) : null}
    </figure>
  );
}

function Legend(): ReactNode {
  return (
    <ul className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-muted-foreground" aria-label="Legend">
      <li className="flex items-center gap-1.5">
        <span className="inline-block size-3 rounded-sm bg-chart-debit" aria-hidden="true" />
        Debit balance (assets, expenses)
      </li>
      <li className="flex items-center gap-1.5">
        <span className="inline-block size-3 rounded-sm bg-chart-credit" aria-hidden="true" />
        Credit balance (liabilities, equity, income)
      </li>
      <li className="flex items-center gap-1.5">
        <span className="inline-block size-3 rounded-sm bg-destructive" aria-hidden="true" />
        On the unusual side
      </li>
    </ul>
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
