use sent_rpc::{dto, service};

#[dto]
pub struct Empty {}

#[service(app = "demo")]
pub trait Demo {
    #[rpc(query, role = "member", name = "x")]
    async fn first(params: Empty) -> Empty;

    #[rpc(query, role = "member", name = "x")]
    async fn second(params: Empty) -> Empty;
}

fn main() {}
