use sent_rpc::{dto, service};

#[dto]
pub struct Empty {}

#[service]
pub trait Demo {
    #[rpc(query, role = "member")]
    async fn lookup(params: Empty) -> Empty;
}

fn main() {}
