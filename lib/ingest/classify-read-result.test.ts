import { expect, test } from "vitest";
import { classifyReadResult } from "@/lib/ingest/classify-read-result";
import type { AgencyInfo, ReadResult, ReadSuccess } from "@/lib/reader/types";

const agency: AgencyInfo = {
  name: "漯河市郾城区裴城镇人民政府",
  as_printed: "郾城区裴城镇",
  kind: "乡镇",
  province: "河南省",
  city: "漯河市",
  county: "郾城区",
  town: "裴城镇",
  department: null,
  parent: null,
};

function success(overrides: Partial<ReadSuccess>): ReadResult {
  return {
    ok: true,
    mediaType: "text/html",
    agency,
    regionCodes: { province: "41", city: "4111", county: "411103", town: null },
    year: 2023,
    template: "2021",
    cells: {},
    rawText: {},
    inferred: [],
    units: {},
    findings: [],
    text: "",
    ...overrides,
  };
}

test.each([
  {
    name: "complete",
    result: success({}),
    expected: { status: "accepted", errorCode: null, mediaType: "text/html" },
  },
  {
    name: "no agency",
    result: success({ agency: { ...agency, name: null } }),
    expected: { status: "needs_agency" },
  },
  { name: "no year", result: success({ year: null }), expected: { status: "needs_year" } },
  {
    name: "neither",
    result: success({ year: null, agency: { ...agency, name: null } }),
    expected: { status: "needs_agency" },
  },
  {
    name: "rejected",
    result: {
      ok: false,
      error: { code: "ENCRYPTED", message: "加密" },
      mediaType: "application/pdf",
    } as ReadResult,
    expected: { status: "rejected", errorCode: "ENCRYPTED", mediaType: "application/pdf" },
  },
])("$name", ({ result, expected }) => {
  expect(classifyReadResult(result)).toMatchObject(expected);
});
