use sent_rpc::{dto, service};

/// Plain serde is not enough: a DTO also redacts and names its ids.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Plain {
    pub name: String,
}

#[dto]
pub struct Done {
    pub ok: bool,
}

#[service(app = "demo")]
pub trait Demo {
    #[rpc(mutation, role = "member")]
    async fn rename(params: Plain) -> Done;
}

fn main() {}
