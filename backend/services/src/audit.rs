//! Audit: the trail explorer and chain verification.

use sent_queries::queries::audit as q;
use sent_rpc::{Page, RpcError};
use sent_rpc_schema::audit::{Audit, AuditEntry, ChainVerification, ListAuditEntries};
use sent_runtime::Ctx;

use crate::paging;

#[derive(Debug)]
pub struct AuditService;

impl Audit<Ctx> for AuditService {
    async fn list_entries(&self, cx: &mut Ctx, params: ListAuditEntries) -> Result<Page<AuditEntry>, RpcError> {
        let (limit, fetch) = paging::limit(params.limit)?;
        let before_seq =
            params.cursor.as_deref().map(|c| c.parse::<i64>().map_err(|_| paging::bad_cursor())).transpose()?;
        let organization_id = cx.organization_id()?;
        let rows = q::entries_page().bind(cx.db().await?, &organization_id, &before_seq, &fetch).all().await?;
        let entries = rows
            .into_iter()
            .map(|row| AuditEntry {
                seq: row.seq.to_string(),
                occurred_at: row.occurred_at,
                actor_id: row.actor_id,
                method: row.method,
                request_id: row.request_id,
                params: row.params,
                affected_ids: row.affected_ids,
                hash: hex::encode(row.hash),
            })
            .collect();
        Ok(Page::from_rows(entries, limit, |e| e.seq.clone()))
    }

    async fn verify(&self, cx: &mut Ctx) -> Result<ChainVerification, RpcError> {
        let organization_id = cx.organization_id()?;
        let db = cx.db().await?;
        let links = q::chain().bind(db, &organization_id).all().await?;
        let head = q::head_seq().bind(db, &organization_id).opt().await?.unwrap_or(0);
        let last = links.last().map_or(0, |l| l.seq);
        let first_broken = links
            .iter()
            .find(|l| !l.intact)
            .map(|l| l.seq)
            // Entries cut from the end leave a chain that is intact but short.
            .or_else(|| (last != head).then_some(last + 1));
        Ok(ChainVerification {
            intact: first_broken.is_none(),
            entries: links.len().to_string(),
            first_broken_seq: first_broken.map(|s| s.to_string()),
        })
    }
}
