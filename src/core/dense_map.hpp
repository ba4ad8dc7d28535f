// Maps keyed by database ids, which are small positive integers handed out in sequence: a vector indexed
// by the id (no hashing, no allocation per entry) for ids up to about twice the number of entries, and a
// hash map for the rare id beyond that. Not thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/plan.hpp"

namespace jospar {

template <class T>
class DenseMap {
 public:
  // The value of `id`, or nullptr when absent. Valid until the next insertion.
  T* Find(Id id) {
    if (id >= 0 && static_cast<std::size_t>(id) < present_.size() && present_[static_cast<std::size_t>(id)])
      return &slots_[static_cast<std::size_t>(id)];
    if (sparse_.empty()) return nullptr;
    auto it = sparse_.find(id);
    return it == sparse_.end() ? nullptr : &it->second;
  }
  const T* Find(Id id) const { return const_cast<DenseMap*>(this)->Find(id); }
  bool Contains(Id id) const { return Find(id) != nullptr; }
  // The value of `id`, which must be present (std::out_of_range otherwise, like std::map::at).
  const T& At(Id id) const {
    const T* found = Find(id);
    if (found == nullptr) throw std::out_of_range("DenseMap::At: no such id");
    return *found;
  }

  // The value of `id`, inserted as T{} when absent.
  T& operator[](Id id) {
    if (T* found = Find(id)) return *found;
    ++size_;
    if (id >= 0 && static_cast<std::size_t>(id) < std::max(dense_limit_, 2 * size_ + 1024)) {
      const auto i = static_cast<std::size_t>(id);
      if (i >= slots_.size()) {
        const std::size_t n = std::max(i + 1, slots_.size() + slots_.size() / 2);
        slots_.resize(n);
        present_.resize(n, 0);
      }
      present_[i] = 1;
      return slots_[i];
    }
    return sparse_[id];
  }

  // Removes `id`; returns whether it was there.
  bool Erase(Id id) {
    if (id >= 0 && static_cast<std::size_t>(id) < present_.size() && present_[static_cast<std::size_t>(id)]) {
      present_[static_cast<std::size_t>(id)] = 0;
      slots_[static_cast<std::size_t>(id)] = T{};
      --size_;
      return true;
    }
    if (sparse_.erase(id) == 0) return false;
    --size_;
    return true;
  }

  std::size_t size() const { return size_; }
  // The greatest id the vector has room for (-1 when none); ids beyond it may be in the hash map.
  Id MaxDenseId() const { return static_cast<Id>(present_.size()) - 1; }
  bool empty() const { return size_ == 0; }
  // Prepares for `count` entries with ids up to `max_id`: keeps them in the vector and makes room for them
  // when the ids are dense enough (at most four times the count), else leaves the far ones to the hash map.
  void Reserve(Id max_id, std::size_t count) {
    if (max_id < 0) return;
    const auto n = std::min(static_cast<std::size_t>(max_id) + 1, 4 * count + 1024);
    dense_limit_ = std::max(dense_limit_, n);
    if (n > slots_.size()) {
      slots_.reserve(n);
      present_.reserve(n);
    }
  }

  // Makes `items` (values with an `id` member; of equal ids one is kept) the content of the map. When their
  // ids are dense (the greatest at most about four times their number) the vector itself becomes the storage:
  // sorted by id, then each value moved back to the slot of its id, in place (no copy of the vector when
  // its capacity already reaches the greatest id + 1).
  void Adopt(std::vector<T>&& items) {
    if (items.empty()) return;
    auto by_id = [](const T& a, const T& b) { return a.id < b.id; };
    if (!std::is_sorted(items.begin(), items.end(), by_id)) std::sort(items.begin(), items.end(), by_id);
    const std::size_t count = items.size();
    const Id lo = items.front().id, hi = items.back().id;
    const bool repeated = std::adjacent_find(items.begin(), items.end(), [](const T& a, const T& b) {
                            return a.id == b.id;
                          }) != items.end();
    if (size_ != 0 || repeated || lo < 0 || static_cast<std::size_t>(hi) >= 4 * count + 1024) {
      for (T& item : items) (*this)[item.id] = std::move(item);
      return;
    }
    const auto n = static_cast<std::size_t>(hi) + 1;
    items.resize(n);
    present_.assign(n, 0);
    for (std::size_t k = count; k-- > 0;) {
      const auto target = static_cast<std::size_t>(items[k].id);
      if (target != k) {
        items[target] = std::move(items[k]);
        items[k] = T{};
      }
      present_[target] = 1;
    }
    slots_ = std::move(items);
    sparse_.clear();
    size_ = count;
    dense_limit_ = std::max(dense_limit_, n);
  }

  // Calls f(id, value) for every entry: the dense ones in increasing id order, then the others.
  template <class F>
  void ForEach(F&& f) const {
    for (std::size_t i = 0; i < present_.size(); ++i)
      if (present_[i]) f(static_cast<Id>(i), slots_[i]);
    for (const auto& [id, v] : sparse_) f(id, v);
  }

 private:
  std::size_t dense_limit_ = 1024;
  std::vector<T> slots_;
  std::vector<std::uint8_t> present_;
  std::unordered_map<Id, T> sparse_;
  std::size_t size_ = 0;
};

// A DenseMap per object kind, keyed by ObjectRef.
template <class T>
class RefMap {
 public:
  T* Find(ObjectRef r) { return Of(r.kind).Find(r.id); }
  const T* Find(ObjectRef r) const { return maps_[Index(r.kind)].Find(r.id); }
  bool Contains(ObjectRef r) const { return Find(r) != nullptr; }
  const T& At(ObjectRef r) const { return maps_[Index(r.kind)].At(r.id); }
  T& operator[](ObjectRef r) { return Of(r.kind)[r.id]; }
  bool Erase(ObjectRef r) { return Of(r.kind).Erase(r.id); }
  DenseMap<T>& Of(ObjectKind k) { return maps_[Index(k)]; }
  const DenseMap<T>& Of(ObjectKind k) const { return maps_[Index(k)]; }
  // Calls f(ref, value) for every entry, kind by kind.
  template <class F>
  void ForEach(F&& f) const {
    for (std::size_t k = 0; k < kKinds; ++k)
      maps_[k].ForEach([&](Id id, const T& v) { f(ObjectRef{static_cast<ObjectKind>(k), id}, v); });
  }

 private:
  static constexpr std::size_t kKinds = static_cast<std::size_t>(ObjectKind::kUser) + 1;
  static std::size_t Index(ObjectKind k) { return static_cast<std::size_t>(k); }
  std::array<DenseMap<T>, kKinds> maps_;
};

}  // namespace jospar
