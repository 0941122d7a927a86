use sent_rpc::{dto, service};

#[dto]
pub struct Empty {}

#[service(app = "demo")]
pub trait Demo {
    #[rpc(query, role = "member")]
    async fn a_b(params: Empty) -> Empty;

    #[rpc(query, role = "member", name = "aB")]
    async fn other(params: Empty) -> Empty;
}

fn main() {}
