// Rules checked in a write transaction hold until it ends: a row a write transaction has read (e.g. the
// document whose draft status allows deleting its goal) cannot be changed by another writer before the
// first one commits or rolls back. On SQLite the writers take turns; on PostgreSQL (READ COMMITTED) the
// read takes a row lock.
#include <atomic>
#include <chrono>
#include <thread>

#include "core/plan/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

using namespace std::chrono_literals;

// Waits up to `limit` for `flag`; true when it was set.
bool WaitFor(const std::atomic<bool>& flag, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!flag && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(5ms);
  return flag;
}

// Approves the document in a write transaction of its own; `committed` is set once it has committed.
std::thread Approve(Store& store, Id document, std::atomic<bool>& committed, Status& result) {
  return std::thread([&store, document, &committed, &result] {
    auto tx = store.Begin(TxMode::kWrite);
    if (!tx) {
      result = Fail(tx.error());
      return;
    }
    auto doc = (*tx)->plan().GetDocument(document);
    if (!doc) {
      result = Fail(doc.error());
      return;
    }
    doc->status = DocStatus::kApproved;
    result = (*tx)->plan().UpdateDocument(*doc);
    if (result) result = (*tx)->Commit();
    committed = result.has_value();
  });
}

TEST_P(StoreContract, ADocumentReadByAWriterCannotBeApprovedUntilItEnds) {
  Seed s;
  Id lone = 0;  // a goal nothing depends on
  {
    auto tx = Write();
    s = SeedPlan(*tx);
    lone = tx->plan().InsertGoal(MakeGoal(s.document, "2")).value();
    ASSERT_TRUE(tx->Commit());
  }
  // A: deleting a goal checks that its document is a draft.
  auto a = Write();
  auto goal = a->plan().GetGoal(lone);
  ASSERT_TRUE(goal);
  auto doc = a->plan().GetDocument(goal->document_id);
  ASSERT_TRUE(doc);
  ASSERT_EQ(doc->status, DocStatus::kDraft);

  // B: approves the document meanwhile; it must wait for A.
  std::atomic<bool> b_committed{false};
  Status b_result;
  std::thread b = Approve(*store_, s.document, b_committed, b_result);
  EXPECT_FALSE(WaitFor(b_committed, 400ms))
      << "the document was approved while a writer relied on its draft status";

  EXPECT_TRUE(a->plan().DeleteGoal(lone));
  EXPECT_TRUE(a->Commit());
  b.join();
  // A came first: the goal went while the document was a draft, then B approved it.
  EXPECT_TRUE(b_result) << b_result.error().detail;
  auto check = Read();
  EXPECT_EQ(check->plan().GetGoal(lone).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(check->plan().GetDocument(s.document)->status, DocStatus::kApproved);
}

TEST_P(StoreContract, AWriterReadingADocumentBeingApprovedSeesItApproved) {
  Seed s;
  {
    auto tx = Write();
    s = SeedPlan(*tx);
    ASSERT_TRUE(tx->Commit());
  }
  // B: approving reads the document first.
  auto b = Write();
  auto doc = b->plan().GetDocument(s.document);
  ASSERT_TRUE(doc);

  // A: the delete-goal check reads the document meanwhile; it must wait for B and then see its outcome.
  std::atomic<bool> a_read{false};
  Result<Document> a_doc = Fail(ErrorCode::kInternal, "error.internal", "not read");
  std::thread a([&] {
    auto tx = store_->Begin(TxMode::kWrite);
    if (!tx) {
      a_doc = Fail(tx.error());
    } else {
      auto goal = (*tx)->plan().GetGoal(s.task);
      a_doc = goal ? (*tx)->plan().GetDocument(goal->document_id) : Result<Document>(Fail(goal.error()));
    }
    a_read = true;
  });
  EXPECT_FALSE(WaitFor(a_read, 400ms)) << "a writer read the document while another writer was changing it";

  doc->status = DocStatus::kApproved;
  EXPECT_TRUE(b->plan().UpdateDocument(*doc));
  EXPECT_TRUE(b->Commit());
  a.join();
  ASSERT_TRUE(a_doc) << a_doc.error().detail;
  EXPECT_EQ(a_doc->status, DocStatus::kApproved);
}

}  // namespace
}  // namespace jospar::testing
