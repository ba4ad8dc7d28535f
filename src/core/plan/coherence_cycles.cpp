// Cycles in the contribution graph: Tarjan's strongly connected components, over all of it or around a
// change.
#include "core/plan/coherence.hpp"
#include "core/plan/coherence_detail.hpp"

#include <algorithm>
#include <deque>
#include <tuple>

namespace jospar::coherence {
using detail::IsPlanNode;

// ---- Cycles ----------------------------------------------------------------------------------------------

namespace {
struct RefLess {
  bool operator()(const ObjectRef& a, const ObjectRef& b) const {
    return std::tie(a.kind, a.id) < std::tie(b.kind, b.id);
  }
};
}  // namespace

// Tarjan's strongly connected components (iterative) over `nodes`, following only edges inside `inside`
// (or every edge when `inside` is null). Records a cycle for every component of two or more nodes and
// every node with a link to itself.
void CoherenceIndex::Tarjan(const std::vector<ObjectRef>& nodes, const RefSet* inside) {
  struct State {
    int index = 0, lowlink = 0;
    bool on_stack = false;
  };
  RefMap<State> state;
  if (inside == nullptr) {  // every node: dense tables
    state.Of(ObjectKind::kGoal).Reserve(goals_.MaxDenseId(), goals_.size());
    state.Of(ObjectKind::kIndicator).Reserve(indicators_.MaxDenseId(), indicators_.size());
  }
  std::vector<ObjectRef> stack;
  int counter = 0;
  auto successors = [&](ObjectRef v) {
    std::vector<ObjectRef> out;
    for (Id lid : links_from_.Of(v)) {
      const ObjectRef to = links_.At(lid).to;
      if (IsPlanNode(to.kind) && Exists(to) && (inside == nullptr || inside->count(to))) out.push_back(to);
    }
    std::sort(out.begin(), out.end(), RefLess());
    return out;
  };
  struct Frame {
    ObjectRef v;
    std::vector<ObjectRef> succ;
    size_t next = 0;
  };
  for (ObjectRef root : nodes) {
    if (state.Contains(root)) continue;
    std::vector<Frame> frames;
    frames.push_back({root, successors(root)});
    state[root] = {counter, counter, true};
    ++counter;
    stack.push_back(root);
    while (!frames.empty()) {
      Frame& f = frames.back();
      if (f.next < f.succ.size()) {
        ObjectRef w = f.succ[f.next++];
        const State* sw = state.Find(w);
        if (sw == nullptr) {
          state[w] = {counter, counter, true};
          ++counter;
          stack.push_back(w);
          frames.push_back({w, successors(w)});
        } else if (sw->on_stack) {
          const int w_index = sw->index;
          State& sv = *state.Find(f.v);
          sv.lowlink = std::min(sv.lowlink, w_index);
        }
        continue;
      }
      const ObjectRef v = f.v;
      const bool self_loop = std::find(f.succ.begin(), f.succ.end(), v) != f.succ.end();
      frames.pop_back();
      const State sv = *state.Find(v);
      if (!frames.empty()) {
        State& parent = *state.Find(frames.back().v);
        parent.lowlink = std::min(parent.lowlink, sv.lowlink);
      }
      if (sv.lowlink != sv.index) continue;
      std::vector<ObjectRef> component;
      while (true) {
        ObjectRef w = stack.back();
        stack.pop_back();
        state.Find(w)->on_stack = false;
        component.push_back(w);
        if (w == v) break;
      }
      if (component.size() < 2 && !self_loop) continue;
      // A path round the cycle from its smallest node, by breadth-first search inside the component.
      std::sort(component.begin(), component.end(), RefLess());
      const ObjectRef start = component.front();
      RefSet members(component.begin(), component.end());
      std::unordered_map<ObjectRef, ObjectRef, RefHash> came_from;
      std::deque<ObjectRef> queue{start};
      std::optional<ObjectRef> last;
      while (!queue.empty() && !last) {
        ObjectRef x = queue.front();
        queue.pop_front();
        for (ObjectRef y : successors(x)) {
          if (!members.count(y)) continue;
          if (y == start) {
            last = x;
            break;
          }
          if (!came_from.count(y)) {
            came_from[y] = x;
            queue.push_back(y);
          }
        }
      }
      std::vector<ObjectRef> path;
      for (std::optional<ObjectRef> x = last; x && !(*x == start); x = came_from.at(*x)) path.push_back(*x);
      path.push_back(start);
      std::reverse(path.begin(), path.end());
      cycles_.push_back(std::move(path));
    }
  }
}

void CoherenceIndex::FindAllCycles() {
  cycles_.clear();
  std::vector<ObjectRef> nodes;
  links_from_.ForEachKey([&](ObjectRef ref) {
    if (IsPlanNode(ref.kind) && Exists(ref)) nodes.push_back(ref);
  });
  std::sort(nodes.begin(), nodes.end(), RefLess());
  Tarjan(nodes, nullptr);
}

void CoherenceIndex::FindCycles(const std::vector<ObjectRef>& starts) {
  // Every cycle through a node reachable from the starts lies among the nodes reachable from them.
  RefSet reach;
  std::vector<ObjectRef> todo;
  for (ObjectRef s : starts)
    if (IsPlanNode(s.kind) && Exists(s) && reach.insert(s).second) todo.push_back(s);
  while (!todo.empty()) {
    ObjectRef x = todo.back();
    todo.pop_back();
    for (Id lid : links_from_.Of(x)) {
      ObjectRef to = links_.At(lid).to;
      if (IsPlanNode(to.kind) && Exists(to) && reach.insert(to).second) todo.push_back(to);
    }
  }
  RefSet dropped(starts.begin(), starts.end());
  std::erase_if(cycles_, [&](const std::vector<ObjectRef>& c) {
    return std::any_of(c.begin(), c.end(), [&](ObjectRef r) { return reach.count(r) || dropped.count(r); });
  });
  std::vector<ObjectRef> nodes(reach.begin(), reach.end());
  std::sort(nodes.begin(), nodes.end(), RefLess());
  Tarjan(nodes, &reach);
}

}  // namespace jospar::coherence
