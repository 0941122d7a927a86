import type { Organization } from "@sent/sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { useNavigate } from "react-router";

import { describeError } from "@/lib/errors";
import { meKey } from "@/lib/me";
import { orgPath } from "@/lib/organization";
import { useSent } from "@/lib/sdk";

import { ErrorNotice } from "./states";
import { Button } from "./ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "./ui/dialog";
import { Field } from "./ui/field";
import { Input } from "./ui/input";
import { useToast } from "./ui/toast";

/** A new organization, owned by the person who creates it. */
export function CreateOrganizationDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }): ReactNode {
  const sent = useSent();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { toast } = useToast();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string>();
  const create = useMutation({
    mutationFn: (newName: string) => sent.identity.createOrganization({ name: newName }),
    onSuccess: async (organization: Organization) => {
      await queryClient.invalidateQueries({ queryKey: meKey });
      toast({ title: `${organization.name} created`, description: "You are its owner.", variant: "success" });
      onOpenChange(false);
      setName("");
      void navigate(orgPath(organization.organizationId));
    },
  });
  const serverError = create.error === null ? undefined : describeError(create.error);
  const shownNameError = nameError ?? (serverError?.field === "name" ? serverError.message : undefined);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 200) {
      setNameError("A name is 1 to 200 characters.");
      return;
    }
    setNameError(undefined);
    create.mutate(trimmed);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) create.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New organization</DialogTitle>
          <DialogDescription>Its data is kept apart from every other organization's. You will be its owner.</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <Field label="Name" error={shownNameError}>
            {(control) => <Input {...control} value={name} onChange={(e) => setName(e.target.value)} autoComplete="organization" autoFocus />}
          </Field>
          {create.error !== null && serverError?.field !== "name" ? <ErrorNotice error={create.error} /> : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={create.isPending}>
              Create
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
