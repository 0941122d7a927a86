use sent_rpc::{dto, service};

#[dto]
pub struct Empty {}

#[service(app = "demo")]
pub trait Demo {
    /// Documented, but not declared as a query or a mutation.
    async fn lookup(params: Empty) -> Empty;
}

fn main() {}
