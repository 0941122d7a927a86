use sent_rpc::dto;

#[dto]
pub enum Shape {
    Empty,
    Circle { radius: u32 },
}

fn main() {}
