//! What a method declares about itself, read by the dispatcher, the
//! generators and the CLI.

use crate::error::ErrorKind;

/// Whether a method changes state. A query runs in a read-only transaction
/// (the database refuses its writes) and writes no audit row; a mutation
/// writes its audit row in its own transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Query,
    Mutation,
}

impl Kind {
    pub const fn name(self) -> &'static str {
        match self {
            Self::Query => "query",
            Self::Mutation => "mutation",
        }
    }
}

/// A member's role in an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// Reads everything in the organization, changes nothing.
    Auditor,
    Member,
    Admin,
    Owner,
}

impl Role {
    pub const ALL: [Self; 4] = [Self::Auditor, Self::Member, Self::Admin, Self::Owner];

    pub const fn name(self) -> &'static str {
        match self {
            Self::Auditor => "auditor",
            Self::Member => "member",
            Self::Admin => "admin",
            Self::Owner => "owner",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    const fn rank(self) -> u8 {
        match self {
            Self::Auditor => 0,
            Self::Member => 1,
            Self::Admin => 2,
            Self::Owner => 3,
        }
    }

    /// Whether a member holding `self` may call a method of `kind` that
    /// requires `required`. An auditor may call every query and no mutation;
    /// the other roles are ranked member < admin < owner.
    pub const fn allows(self, required: Self, kind: Kind) -> bool {
        match self {
            Self::Auditor => matches!(kind, Kind::Query),
            held => held.rank() >= required.rank(),
        }
    }
}

/// Who may call a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not; no organization.
    Public,
    /// Any signed-in user; no organization needed.
    Authenticated,
    /// A member of the call's organization holding at least this role.
    Member(Role),
}

impl Access {
    /// The name used in `#[rpc(role = "...")]` and in the OpenRPC document.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Authenticated => "authenticated",
            Self::Member(role) => role.name(),
        }
    }
}

/// A type's description for the generators (TypeScript, JSON Schema).
pub type TypeFn = fn(&mut specta::Types) -> specta::datatype::DataType;

/// One method, as declared in `rpc-schema`.
#[derive(Debug, Clone, Copy)]
pub struct MethodMeta {
    /// Wire name, `app.method` (e.g. `ledger.createAccount`).
    pub name: &'static str,
    /// The app (trait) the method belongs to.
    pub app: &'static str,
    /// The doc comment.
    pub docs: &'static str,
    pub kind: Kind,
    pub access: Access,
    /// The deprecation note, when deprecated.
    pub deprecated: Option<&'static str>,
    /// The params DTO's name (`None` for a method without params).
    pub params: Option<&'static str>,
    /// The result DTO's name.
    pub result: &'static str,
    /// The application errors the method declares it may return.
    pub errors: &'static [ErrorKind],
    /// The params DTO's type description.
    pub params_type: Option<TypeFn>,
    /// The result DTO's type description.
    pub result_type: TypeFn,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auditors_read_everything_and_change_nothing() {
        assert!(Role::Auditor.allows(Role::Owner, Kind::Query));
        assert!(!Role::Auditor.allows(Role::Auditor, Kind::Mutation));
    }

    #[test]
    fn other_roles_are_ranked() {
        assert!(Role::Owner.allows(Role::Admin, Kind::Mutation));
        assert!(Role::Admin.allows(Role::Member, Kind::Mutation));
        assert!(!Role::Member.allows(Role::Admin, Kind::Mutation));
        assert!(!Role::Member.allows(Role::Admin, Kind::Query));
        assert!(!Role::Admin.allows(Role::Owner, Kind::Mutation));
    }
}
